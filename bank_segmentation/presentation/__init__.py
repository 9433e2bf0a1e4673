"""What people look at: the dashboard and the HTML report, both drawn from the BI marts with
the same charts (charts.py) and the same segment colours (palette.py)."""
