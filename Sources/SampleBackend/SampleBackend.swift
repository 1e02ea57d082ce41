// SampleBackend: endpoints that speak the Custom External Action contract, for demos and tests.
