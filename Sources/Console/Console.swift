// Console: the whole UI as plain values — state, update(), render().
