"""tallywatch: watch the news for political-prisoner counts and show where sources disagree."""
