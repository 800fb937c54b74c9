"""GDELT event data: ingestion into a Parquet store and dyadic cooperation indices."""
