"""Machine-coded event data (GDELT): ingestion into a Parquet folder (``parquet`` is its
layout on disk) and dyadic cooperation indices as Ibis expressions run on DuckDB, Spark
or BigQuery. The only package that imports DuckDB and Ibis."""
