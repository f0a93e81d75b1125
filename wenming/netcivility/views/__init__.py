"""The app's pages, one module per sub-domain: the follow survey, the registry, work prompts, quotas."""
