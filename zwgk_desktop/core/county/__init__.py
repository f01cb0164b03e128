"""The county's view: submission packages (报送包) from offices, the county's store of them, the roll-up."""
