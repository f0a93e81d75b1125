class VolunteeringError(Exception):
    """A refused volunteering act; the message is Chinese and shown to the person as it is."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)
