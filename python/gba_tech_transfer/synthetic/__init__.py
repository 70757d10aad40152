"""The bundled synthetic export's generator: a calibrated plan of records (plan, others, parties, names, ipc,
reference, targets), checked against its targets (calibration), rendered as raw text (render, export_shapes)
and written (generate). `python -m gba_tech_transfer.synthetic` writes seeds/raw/raw_transfer_records.csv."""
