"""wennuan (问暖): a northern city's winter heating-service campaign, end to end."""

__version__ = "0.1.0"
