/// Roadmap indicators that are computed from the data instead of typed in (001's three
/// indicators among them). Each is a share of the year's ШНОР; the definitions are the
/// documentation.
public enum IndicatorSource: String, CaseIterable, Codable, Sendable {
    /// ШНОР with an approved school roadmap for a period overlapping the school year.
    case approvedSchoolRoadmaps
    /// ШНОР that received targeted support this school year: a methodological visit, a
    /// consultation, or a mentor school agreement in force.
    case targetedSupport
    /// ШНОР whose management team (teachers marked as its members) completed a course this school year.
    case trainedManagementTeams
    /// Last year's ШНОР that are not on this year's list.
    case leftTheList

    public var title: String {
        switch self {
        case .approvedSchoolRoadmaps: "доля ШНОР с утверждённой школьной дорожной картой (программой развития)"
        case .targetedSupport: "доля ШНОР, получивших адресную поддержку (выезд, консультация или школа-наставник)"
        case .trainedManagementTeams: "доля ШНОР, управленческие команды которых прошли подготовку"
        case .leftTheList: "доля школ, вышедших из списка ШНОР"
        }
    }
}

/// A computed share: how many of how many, as the report writes it.
public struct IndicatorValue: Sendable, Equatable, Codable {
    public let count: Int
    public let of: Int
    public init(count: Int, of: Int) {
        self.count = count
        self.of = of
    }

    public var percent: Double { of == 0 ? 0 : Double(count) * 100 / Double(of) }

    /// «67 % (2 из 3)»; whole percents, as the seed orders state their targets.
    public var text: String { "\(Int(percent.rounded())) % (\(count) из \(of))" }

    public static func share(_ hit: Set<Int>, of schools: Set<Int>) -> IndicatorValue {
        IndicatorValue(count: hit.intersection(schools).count, of: schools.count)
    }
}
