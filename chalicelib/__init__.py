"""What runs in Lambda: the alert pipeline and the roster behind it."""
