"""Bank customer segmentation: demo data, clustering core and CLI helpers for the dbt project."""

__version__ = "0.1.0"
