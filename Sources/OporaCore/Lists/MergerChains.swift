/// Reorganisation as the lists count it: a school merged into another counts in the school at
/// the end of its chain of mergers. Chains are short; the bound only guards against a cycle
/// written by hand in the database.
public struct MergerChains: Sendable {
    public static let maxDepth = 20

    private let successor: [Int: Int]
    private let within: Set<Int>?

    /// `successor` maps a school to the one it joined; `within`, when given, stops a chain at a
    /// school outside it (a school merged into another municipality's stays where it was).
    public init(successor: [Int: Int], within: Set<Int>? = nil) {
        self.successor = successor
        self.within = within
    }

    /// The last school of `id`'s chain (`id` itself when it was not merged).
    public func final(_ id: Int) -> Int {
        var current = id
        for _ in 0..<Self.maxDepth {
            guard let next = successor[current], next != id, within.map({ $0.contains(next) }) ?? true else { break }
            current = next
        }
        return current
    }

    /// Schools that were merged (each has a successor), for folding their figures.
    public var merged: Dictionary<Int, Int>.Keys { successor.keys }
}
