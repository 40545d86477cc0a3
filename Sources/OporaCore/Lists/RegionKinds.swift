/// The region at a glance for one year: each municipality's ШНОР by kind (хроническая /
/// мерцающая / впервые, by that municipality's own rule) and its предШНОР, with the region's
/// total. Built from list entries alone, so it costs the same for 70 or 2,000 municipalities.
public struct RegionKinds: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let authorityID: Int
        public var listed = 0
        public var chronic = 0
        public var flickering = 0
        public var firstTime = 0
        public var atRisk = 0

        public init(authorityID: Int) { self.authorityID = authorityID }

        mutating func add(_ other: Line) {
            listed += other.listed; chronic += other.chronic; flickering += other.flickering
            firstTime += other.firstTime; atRisk += other.atRisk
        }
    }

    /// One school's presence on an approved list.
    public struct Entry: Sendable, Equatable {
        public let authorityID: Int
        public let schoolID: Int
        public let year: Int
        public let status: ListStatus
        public init(authorityID: Int, schoolID: Int, year: Int, status: ListStatus) {
            self.authorityID = authorityID
            self.schoolID = schoolID
            self.year = year
            self.status = status
        }
    }

    /// A school listed (ШНОР) in the year, with the number of years it was listed within its
    /// municipality's window ending at the year — counted by the database for schools that no
    /// merger touches.
    public struct Counted: Sendable, Equatable {
        public let authorityID: Int
        public let schoolID: Int
        public let timesInWindow: Int
        public init(authorityID: Int, schoolID: Int, timesInWindow: Int) {
            self.authorityID = authorityID
            self.schoolID = schoolID
            self.timesInWindow = timesInWindow
        }
    }

    public let year: Int
    public let lines: [Line]
    public let total: Line

    /// `successor` folds a merged school into the one it joined (its years count there), as the
    /// municipal pages do; `rules` are the municipalities' own (the default where absent).
    public init(year: Int, entries: [Entry], counted: [Counted] = [], rules: [Int: ListHistoryRule], successor: [Int: Int], authorities: [Int]) {
        self.year = year
        let chains = MergerChains(successor: successor)
        var low: [Int: [Int: Set<Int>]] = [:]   // authority → school → years
        var risk: [Int: Set<Int>] = [:]          // authority → schools at risk this year
        for e in entries {
            let school = chains.final(e.schoolID)
            switch e.status {
            case .lowResults: low[e.authorityID, default: [:]][school, default: []].insert(e.year)
            case .atRisk where e.year == year: risk[e.authorityID, default: []].insert(school)
            default: break
            }
        }
        let counted = Dictionary(grouping: counted, by: \.authorityID)
        var total = Line(authorityID: 0)
        var lines: [Line] = []
        for aid in authorities {
            var line = Line(authorityID: aid)
            let rule = rules[aid] ?? .default
            for (_, years) in low[aid] ?? [:] where years.contains(year) {
                line.listed += 1
                switch rule.kind(of: ListHistory(years: years), at: year) {
                case .chronic?: line.chronic += 1
                case .flickering?: line.flickering += 1
                case .firstTime?: line.firstTime += 1
                case nil: break
                }
            }
            line.atRisk = risk[aid]?.count ?? 0
            for c in counted[aid] ?? [] {
                // Listed this year: the other listings in the window are the earlier ones.
                line.listed += 1
                if c.timesInWindow >= rule.chronicMinTimes { line.chronic += 1 } else if c.timesInWindow <= 1 { line.firstTime += 1 } else { line.flickering += 1 }
            }
            total.add(line)
            lines.append(line)
        }
        self.lines = lines
        self.total = total
    }
}
