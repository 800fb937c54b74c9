"""Statistics on arrays (numpy): inter-coder reliability (``stats.reliability``: kappas,
alphas, unitized alpha) and UN General Assembly voting alignment (``stats.alignment``)."""
