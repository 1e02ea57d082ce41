// ActionHTTP: sends an InvocationRequest exactly as the voice platform would, and classifies the answer.
