"""Tooling for the gba_tech_transfer dbt project: the synthetic-export generator, the build-and-publish step."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
