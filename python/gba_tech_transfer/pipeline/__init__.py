"""`make build`: check the raw export (validate, shapes, workbook), dbt build into a temporary file and publish it
(publish), then export the marts to Parquet (export). `python -m gba_tech_transfer.pipeline` runs it."""
