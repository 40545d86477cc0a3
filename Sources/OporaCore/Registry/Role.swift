/// What a user may do; the scope of each role is enforced by `Scope`.
public enum Role: String, Codable, CaseIterable, Sendable {
    case regionalObserver, regionalAdmin, coordinator, methodologist, curator, schoolHead, schoolStaff
    /// The region's specialist of assessment procedures (РЦОИ, ЦОКО): loads the region's results
    /// files, keeps column mappings and conversion scales; reads every municipality, changes none.
    case assessmentOperator

    public var title: String {
        switch self {
        case .regionalObserver: "Региональный наблюдатель"
        case .regionalAdmin: "Региональный администратор"
        case .coordinator: "Муниципальный координатор"
        case .methodologist: "Методист"
        case .curator: "Куратор ШНОР"
        case .schoolHead: "Руководитель школы"
        case .schoolStaff: "Сотрудник школы"
        case .assessmentOperator: "Оператор оценочных процедур"
        }
    }
}

extension Role {
    /// The region's reference data — the risk-factor catalogue and its questionnaire.
    public var canEditCatalogue: Bool { self == .regionalAdmin }

    /// Roles that act for the region rather than for a municipality or a school.
    public var isRegional: Bool { self == .regionalObserver || self == .regionalAdmin || self == .assessmentOperator }

    /// The region's results files, column mappings and conversion scales.
    public var keepsRegionResults: Bool { self == .regionalAdmin || self == .assessmentOperator }
}

/// Which part of the registry a user may read and change.
///
/// Kept as plain data so the rule is testable without a database: the app builds a `Scope`
/// once per request from the user and the curator assignments.
public struct Scope: Sendable, Equatable {
    public enum Reach: Sendable, Equatable {
        case everything
        case authority(Int)
        case schools(Set<Int>)
    }
    public let reach: Reach
    public let canChange: Bool
    /// Curators record visits and consultations at their own schools.
    public let supportsSchools: Bool

    public init(reach: Reach, canChange: Bool, supportsSchools: Bool = false) {
        self.reach = reach
        self.canChange = canChange
        self.supportsSchools = supportsSchools
    }

    public static func of(role: Role, authorityID: Int?, schoolID: Int?, curatedSchoolIDs: Set<Int>) -> Scope {
        switch role {
        case .regionalObserver, .regionalAdmin, .assessmentOperator:
            // The region reads every municipality and changes none of their data; its
            // administrator keeps the region's reference data (`canEditCatalogue`).
            return Scope(reach: .everything, canChange: false)
        case .coordinator:
            return Scope(reach: authorityID.map { .authority($0) } ?? .schools([]), canChange: true)
        case .methodologist:
            // Methodologists work across their municipality's schools but do not keep its lists.
            return Scope(reach: authorityID.map { .authority($0) } ?? .schools([]), canChange: false)
        case .curator:
            return Scope(reach: .schools(curatedSchoolIDs), canChange: false, supportsSchools: true)
        case .schoolHead, .schoolStaff:
            return Scope(reach: .schools(schoolID.map { [$0] } ?? []), canChange: role == .schoolHead)
        }
    }

    public func canRead(authorityID: Int) -> Bool {
        switch reach {
        case .everything: true
        case .authority(let id): id == authorityID
        case .schools: false
        }
    }

    public func canRead(schoolID: Int, authorityID: Int) -> Bool {
        switch reach {
        case .everything: true
        case .authority(let id): id == authorityID
        case .schools(let ids): ids.contains(schoolID)
        }
    }

    /// Support work (events, visits, consultations, agreements) is recorded by the municipality's
    /// coordinator and methodologists for any of its schools, and by a curator for its own schools.
    public func canRecordSupport(authorityID: Int, schoolIDs: Set<Int>) -> Bool {
        switch reach {
        case .everything: false
        case .authority(let id): id == authorityID
        case .schools(let ids): supportsSchools && !schoolIDs.isEmpty && schoolIDs.isSubset(of: ids)
        }
    }

    /// A recommendation is reported done by the school itself or by whoever may record support there.
    public func canReportFollowUp(schoolID: Int, authorityID: Int) -> Bool {
        switch reach {
        case .everything: false
        case .authority(let id): id == authorityID
        case .schools(let ids): ids.contains(schoolID) && (canChange || supportsSchools)
        }
    }

    /// A school's teachers, their diagnostics and development routes are kept by the school head,
    /// its curator, and the municipality's coordinator and methodologists.
    public func canKeepTeachers(schoolID: Int, authorityID: Int) -> Bool { canReportFollowUp(schoolID: schoolID, authorityID: authorityID) }

    /// Lists and the registry of a municipality are changed by its coordinator only.
    public func canManage(authorityID: Int) -> Bool {
        canChange && reach == .authority(authorityID)
    }
}
