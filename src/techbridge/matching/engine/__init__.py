"""The matching engine: plain Python, no Django. Text in any of the region's languages goes in;
ranked, explained matches come out. Django glue lives one level up (techbridge.matching)."""
