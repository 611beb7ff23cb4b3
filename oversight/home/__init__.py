"""Each person's home page: this month's cycle, what awaits them, and their notifications."""
