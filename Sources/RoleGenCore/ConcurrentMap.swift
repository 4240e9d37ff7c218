import Dispatch

extension Array {
    /// `map` on all cores, for independent pure transforms; the results keep the order.
    public func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (base! + index).initialize(to: transform(self[index]))
            }
            initialized = count
        }
    }
}
