"""Synthetic core-banking extract with planted behavioural personas."""
