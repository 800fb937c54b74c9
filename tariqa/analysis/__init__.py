"""Analysis of coded material: inter-coder reliability (``tariqa.analysis.reliability``)."""
