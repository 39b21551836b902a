"""Request and response models: validated input for the services, and the OpenAPI source."""
