"""Reproducible benchmarks of PAC Desktop: ``python -m bench`` (see bench/README.md)."""
