import Foundation

/// Overdue and due-soon work summed up the way a coordinator reads it: how much, in which
/// roadmap, on whom — counts first, so sixty roadmaps' deadlines fit on a start page.
public struct DeadlineDigest: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public let roadmapID: Int
        public let responsible: [String]
        public let overdue: Bool
        public init(roadmapID: Int, responsible: [String], overdue: Bool) {
            self.roadmapID = roadmapID
            self.responsible = responsible
            self.overdue = overdue
        }
    }

    public struct Count: Sendable, Equatable {
        public let key: String
        public var overdue: Int
        public var soon: Int
        public var total: Int { overdue + soon }
    }

    public let overdue: Int
    public let soon: Int
    /// Per roadmap (its id as the key), most overdue first.
    public let byRoadmap: [Count]
    /// Per responsible party (as written in the roadmap, case and spaces aside), most overdue
    /// first; a measure with two parties counts for each. Work with no one named is «не указан».
    public let byResponsible: [Count]

    public init(_ items: [Item]) {
        overdue = items.filter(\.overdue).count
        soon = items.count - overdue
        byRoadmap = Self.group(items.map { (["\($0.roadmapID)"], $0.overdue) })
        byResponsible = Self.group(items.map { ($0.responsible.isEmpty ? ["не указан"] : $0.responsible, $0.overdue) })
    }

    private static func group(_ rows: [([String], Bool)]) -> [Count] {
        var counts: [String: Count] = [:]
        var order: [String] = []
        for (keys, overdue) in rows {
            // «Миронова Е.В.» and «миронова  е.в.» are one person.
            for key in Set(keys.map { $0.split(separator: " ").joined(separator: " ") }) {
                let folded = key.lowercased()
                if counts[folded] == nil { counts[folded] = Count(key: key, overdue: 0, soon: 0); order.append(folded) }
                if overdue { counts[folded]?.overdue += 1 } else { counts[folded]?.soon += 1 }
            }
        }
        return order.compactMap { counts[$0] }.enumerated()
            .sorted { ($0.element.overdue, $0.element.total, -$0.offset) > ($1.element.overdue, $1.element.total, -$1.offset) }
            .map(\.element)
    }
}

extension String {
    /// A long title cut at a word for a table cell, «…» marking the cut; the full title goes
    /// into the cell's tooltip. Roadmap titles run to 300 characters.
    public func shortened(to limit: Int = 90) -> String {
        guard count > limit else { return self }
        let head = prefix(limit)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: titleCutTrim) + "…"
    }
}

/// Built once: an ICU character set costs milliseconds on Linux.
private let titleCutTrim = CharacterSet(charactersIn: " ,;:–—-«")
