"""Dân Vận: a platform for Vietnam's mass-mobilisation work (công tác dân vận)."""

__version__ = "0.1.0"
