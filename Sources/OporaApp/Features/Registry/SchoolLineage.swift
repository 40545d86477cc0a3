import Fluent
import OporaCore

/// Reorganisation: a school merged into another counts in that school's history, lists and
/// results. These are the schools merged into a school, directly or through earlier mergers.
enum SchoolLineage {
    /// Merger chains are short; the bound only guards against a cycle written by hand in the database.
    static let maxDepth = MergerChains.maxDepth

    static func predecessors(of schoolID: Int, on db: any Database) async throws -> [School] {
        var found: [School] = []
        var seen: Set<Int> = [schoolID]
        var frontier = [schoolID]
        for _ in 0..<maxDepth where !frontier.isEmpty {
            let next = try await School.query(on: db).filter(\.$mergedInto.$id ~~ frontier).all().filter { s in s.id.map { !seen.contains($0) } ?? false }
            found += next
            frontier = next.compactMap(\.id)
            seen.formUnion(frontier)
        }
        return found
    }

    /// The school and its predecessors, for queries of results and lists.
    static func ids(of schoolID: Int, on db: any Database) async throws -> [Int] {
        [schoolID] + (try await predecessors(of: schoolID, on: db)).compactMap(\.id)
    }
}
