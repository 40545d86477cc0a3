/// Groups schools with similar risk profiles, so each group can get one set of support
/// measures (003 item 7: «комплекс мер поддержки для каждой группы ШНОР»).
///
/// The rule: a school's profile is the set of its factors of medium or high significance.
/// Schools are taken from the largest profile down; each joins the first group whose common
/// factors overlap its profile by at least `threshold` (Jaccard index), which narrows the
/// group's common factors to the intersection; otherwise it starts a new group. Schools with
/// no significant factor form no group.
public enum RiskGrouping {
    public struct Group: Sendable, Equatable {
        public var factors: Set<String>
        public var schools: [String]
    }

    public static func groups(_ profiles: [(school: String, factors: Set<String>)], threshold: Double = 0.5) -> [Group] {
        var groups: [Group] = []
        let ordered = profiles.filter { !$0.factors.isEmpty }.enumerated()
            .sorted { ($1.element.factors.count, $0.offset) < ($0.element.factors.count, $1.offset) }.map(\.element)
        for p in ordered {
            if let i = groups.firstIndex(where: { jaccard($0.factors, p.factors) >= threshold && !$0.factors.isDisjoint(with: p.factors) }) {
                groups[i].factors.formIntersection(p.factors)
                groups[i].schools.append(p.school)
            } else {
                groups.append(Group(factors: p.factors, schools: [p.school]))
            }
        }
        return groups
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
