def sync_after_import(sender, result, **kwargs) -> None:
    """Bring the ledger of the days an import touched up to date, once, inside its transaction."""
    if not any(t in result.by_type for t in ("attendance", "hours_approval")):
        return
    from .ledger import sync_unsynced

    sync_unsynced()
