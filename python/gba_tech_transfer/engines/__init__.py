"""The same dbt project on PostgreSQL and Spark (throwaway servers: pg_server, spark_cluster), checked against
DuckDB (parity: `python -m gba_tech_transfer.engines test postgres|spark|spark-cluster`), and the benchmark
(bench, bench_engines: `python -m gba_tech_transfer.engines.bench`)."""
