import GRDB

extension ActionStore {
    /// Hands back what SQLite keeps only to go faster (each connection's
    /// page cache, up to 2 MB, and cached statements); returns once it is
    /// freed (after reads in progress), so the caller can then return the
    /// freed heap to the system. The console calls it on its store thread
    /// after loading the whole list: those pages won't be read again soon,
    /// and every later read refills only what it needs.
    public func releaseMemory() {
        guard postgres == nil else { return }  // nothing cached on this side of the server
        if let pool = database as? DatabasePool {
            pool.releaseMemory()
        } else if let queue = database as? DatabaseQueue {
            queue.releaseMemory()
        }
    }
}
