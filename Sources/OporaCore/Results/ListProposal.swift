/// Proposes next year's lists from results. The rule, documented and configurable:
/// for each of the two subjects (Russian and mathematics by default) and each of the two last
/// years, a school is «high» when its share of «2» exceeds the comparator's (the municipality's)
/// by at least `marginPoints` percentage points. High in every subject and both years → ШНОР;
/// high in at least one subject and year → предШНОР; otherwise not proposed.
public struct ListProposalRule: Sendable, Equatable, Codable {
    public var subjects: [String]
    public var marginPoints: Double

    public init(subjects: [String] = ["Русский язык", "Математика"], marginPoints: Double = 0) {
        self.subjects = subjects
        self.marginPoints = marginPoints
    }

    public struct Proposal: Sendable, Equatable {
        public let schoolID: Int
        public let school: String
        public let status: ListStatus
        public let basis: String
    }

    /// `shares[school][year][subject]` — share of «2» (0…1); `comparator[year][subject]` likewise.
    public func propose(schools: [(id: Int, name: String)], shares: [Int: [Int: [String: Double]]], comparator: [Int: [String: Double]], lastYear: Int) -> [Proposal] {
        let years = [lastYear - 1, lastYear]
        var out: [Proposal] = []
        for school in schools {
            var high: [(Int, String)] = []
            var checks = 0
            for y in years {
                for s in subjects {
                    guard let mine = shares[school.id]?[y]?[s], let theirs = comparator[y]?[s] else { continue }
                    checks += 1
                    if (mine - theirs) * 100 >= marginPoints && mine > theirs { high.append((y, s)) }
                }
            }
            guard !high.isEmpty else { continue }
            let all = checks == years.count * subjects.count && high.count == checks
            let described = high.map { "\($0.1.lowercased()) \($0.0)" }.joined(separator: ", ")
            out.append(Proposal(schoolID: school.id, school: school.name, status: all ? .lowResults : .atRisk,
                                basis: all ? "доля «2» по ВПР выше средней по муниципалитету два года подряд (\(years.map(String.init).joined(separator: ", "))): \(subjects.map { $0.lowercased() }.joined(separator: ", "))"
                                           : "доля «2» по ВПР выше средней по муниципалитету: \(described)"))
        }
        return out
    }
}
