"""The settings of each group, declared apart; `settings.Settings` joins them and is the
only reader of the environment."""
