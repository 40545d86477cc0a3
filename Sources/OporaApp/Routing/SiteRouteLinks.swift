/// Links: `SiteRoute.school(id, .risks).path` instead of a hand-written "/schools/\(id)/risks".
/// Generated shape, one line per case; the templates below list every registrable route.
extension SiteRoute {
    static var home: SiteRoute { .page(.home) }
    static var login: SiteRoute { .page(.login) }
    static var logout: SiteRoute { .page(.logout) }
    static var health: SiteRoute { .page(.health) }
    static var styles: SiteRoute { .page(.styles) }
    static var script: SiteRoute { .page(.script) }
    static var profile: SiteRoute { .page(.profile) }
    static var password: SiteRoute { .page(.password) }
    static var tokens: SiteRoute { .page(.tokens) }
    static var audit: SiteRoute { .page(.audit) }
    static var authorities: SiteRoute { .page(.authorities) }
    static var accounts: SiteRoute { .page(.accounts) }
    static var registryImport: SiteRoute { .page(.registryImport) }
    static var regionResults: SiteRoute { .page(.regionResults) }
    static var resultMappings: SiteRoute { .page(.resultMappings) }
    static var regionLists: SiteRoute { .page(.regionLists) }
    static var conversionScales: SiteRoute { .page(.conversionScales) }
    static var conversionScalesImport: SiteRoute { .page(.conversionScalesImport) }
    static var riskFactors: SiteRoute { .page(.riskFactors) }
    static var publicPractices: SiteRoute { .page(.publicPractices) }
    static func authority(_ id: Int, _ r: AuthorityResource = .card) -> SiteRoute { .authority(.value(id), r) }
    static func school(_ id: Int, _ r: SchoolResource = .card) -> SiteRoute { .school(.value(id), r) }
    static func roadmap(_ id: Int, _ r: RoadmapResource = .card) -> SiteRoute { .roadmap(.value(id), r) }
    static func measure(_ id: Int, _ r: MeasureResource = .card) -> SiteRoute { .measure(.value(id), r) }
    static func list(_ id: Int, _ r: ListResource) -> SiteRoute { .list(.value(id), r) }
    static func entry(_ id: Int, _ r: EntryResource) -> SiteRoute { .entry(.value(id), r) }
    static func listDraft(_ id: Int, _ r: DraftResource = .card) -> SiteRoute { .listDraft(.value(id), r) }
    static func registryDraft(_ id: Int, _ r: DraftResource = .card) -> SiteRoute { .registryDraft(.value(id), r) }
    static func roadmapDraft(_ id: Int, _ r: DraftResource = .card) -> SiteRoute { .roadmapDraft(.value(id), r) }
    static func resultDraft(_ id: Int, _ r: ResultDraftResource = .card) -> SiteRoute { .resultDraft(.value(id), r) }
    static func evidence(_ id: Int, _ r: EvidenceResource) -> SiteRoute { .evidence(.value(id), r) }
    static func round(_ id: Int, _ r: RoundResource = .card) -> SiteRoute { .round(.value(id), r) }
    static func riskGroup(_ id: Int, _ r: RiskGroupResource) -> SiteRoute { .riskGroup(.value(id), r) }
    static func resultMapping(_ id: Int, _ r: ResultMappingResource) -> SiteRoute { .resultMapping(.value(id), r) }
    static func event(_ id: Int, _ r: EventResource = .card) -> SiteRoute { .event(.value(id), r) }
    static func followUp(_ id: Int, _ r: FollowUpResource) -> SiteRoute { .followUp(.value(id), r) }
    static func teacher(_ id: Int, _ r: TeacherResource = .card) -> SiteRoute { .teacher(.value(id), r) }
    static func teacherCourse(_ id: Int, _ r: TeacherCourseResource) -> SiteRoute { .teacherCourse(.value(id), r) }
    static func practice(_ id: Int, _ r: PracticeResource = .card) -> SiteRoute { .practice(.value(id), r) }
    static func practiceFile(_ id: Int, _ r: PracticeFileResource = .card) -> SiteRoute { .practiceFile(.value(id), r) }
    static func indicator(_ id: Int, _ r: IndicatorResource) -> SiteRoute { .indicator(.value(id), r) }
    static func riskFactor(_ id: Int, _ r: RiskFactorResource = .card) -> SiteRoute { .riskFactor(.value(id), r) }
    static func user(_ id: Int, _ r: UserResource = .card) -> SiteRoute { .user(.value(id), r) }
    static func organization(_ id: Int, _ r: OrganizationResource = .card) -> SiteRoute { .organization(.value(id), r) }
    static func groupMember(_ id: Int, _ r: GroupMemberResource) -> SiteRoute { .groupMember(.value(id), r) }
    static func token(_ id: Int, _ r: TokenResource) -> SiteRoute { .token(.value(id), r) }
    static func publicPractice(_ id: Int) -> SiteRoute { .publicPractice(.value(id)) }
    static func publicPracticeFile(_ id: Int) -> SiteRoute { .publicPracticeFile(.value(id)) }
    static func publicRoadmap(_ token: String) -> SiteRoute { .publicRoadmap(.value(token)) }
    static func riskQuestion(_ id: Int) -> SiteRoute { .riskQuestion(.value(id)) }
    static func groupMembers(authority: Int, kind: String) -> SiteRoute { .groupMembers(authority: .value(authority), kind: .value(kind)) }

    /// Every route template (parameters as keys): what the application may register.
    static var templates: [SiteRoute] {
        var all: [SiteRoute] = Page.allCases.map { .page($0) }
        all += AuthorityResource.allCases.map { .authority(.key, $0) }
        all += SchoolResource.allCases.map { .school(.key, $0) }
        all += RoadmapResource.allCases.map { .roadmap(.key, $0) }
        all += MeasureResource.allCases.map { .measure(.key, $0) }
        all += ListResource.allCases.map { .list(.key, $0) }
        all += EntryResource.allCases.map { .entry(.key, $0) }
        all += DraftResource.allCases.map { .listDraft(.key, $0) }
        all += DraftResource.allCases.map { .registryDraft(.key, $0) }
        all += DraftResource.allCases.map { .roadmapDraft(.key, $0) }
        all += ResultDraftResource.allCases.map { .resultDraft(.key, $0) }
        all += EvidenceResource.allCases.map { .evidence(.key, $0) }
        all += RoundResource.allCases.map { .round(.key, $0) }
        all += RiskGroupResource.allCases.map { .riskGroup(.key, $0) }
        all += ResultMappingResource.allCases.map { .resultMapping(.key, $0) }
        all += EventResource.allCases.map { .event(.key, $0) }
        all += FollowUpResource.allCases.map { .followUp(.key, $0) }
        all += TeacherResource.allCases.map { .teacher(.key, $0) }
        all += TeacherCourseResource.allCases.map { .teacherCourse(.key, $0) }
        all += PracticeResource.allCases.map { .practice(.key, $0) }
        all += PracticeFileResource.allCases.map { .practiceFile(.key, $0) }
        all += IndicatorResource.allCases.map { .indicator(.key, $0) }
        all += RiskFactorResource.allCases.map { .riskFactor(.key, $0) }
        all += UserResource.allCases.map { .user(.key, $0) }
        all += OrganizationResource.allCases.map { .organization(.key, $0) }
        all += GroupMemberResource.allCases.map { .groupMember(.key, $0) }
        all += TokenResource.allCases.map { .token(.key, $0) }
        all += [.publicPractice(.key), .publicPracticeFile(.key), .publicRoadmap(.key), .riskQuestion(.key),
                .groupMembers(authority: .key, kind: .key)]
        all += APIRoute.templates.map { .api($0) }
        return all
    }

    /// The template with its parameters bound to `values` in path order, or nil when a value
    /// does not fit (a number expected).
    func bound(_ values: [String]) -> SiteRoute? {
        var it = values.makeIterator()
        func int() -> Parameter<Int>? { it.next().flatMap(Int.init).map { .value($0) } }
        func text() -> Parameter<String>? { it.next().map { .value($0) } }
        switch self {
        case .page: return self
        case .authority(_, let r): return int().map { .authority($0, r) }
        case .school(_, let r): return int().map { .school($0, r) }
        case .roadmap(_, let r): return int().map { .roadmap($0, r) }
        case .measure(_, let r): return int().map { .measure($0, r) }
        case .list(_, let r): return int().map { .list($0, r) }
        case .entry(_, let r): return int().map { .entry($0, r) }
        case .listDraft(_, let r): return int().map { .listDraft($0, r) }
        case .registryDraft(_, let r): return int().map { .registryDraft($0, r) }
        case .roadmapDraft(_, let r): return int().map { .roadmapDraft($0, r) }
        case .resultDraft(_, let r): return int().map { .resultDraft($0, r) }
        case .evidence(_, let r): return int().map { .evidence($0, r) }
        case .round(_, let r): return int().map { .round($0, r) }
        case .riskGroup(_, let r): return int().map { .riskGroup($0, r) }
        case .resultMapping(_, let r): return int().map { .resultMapping($0, r) }
        case .event(_, let r): return int().map { .event($0, r) }
        case .followUp(_, let r): return int().map { .followUp($0, r) }
        case .teacher(_, let r): return int().map { .teacher($0, r) }
        case .teacherCourse(_, let r): return int().map { .teacherCourse($0, r) }
        case .practice(_, let r): return int().map { .practice($0, r) }
        case .practiceFile(_, let r): return int().map { .practiceFile($0, r) }
        case .indicator(_, let r): return int().map { .indicator($0, r) }
        case .riskFactor(_, let r): return int().map { .riskFactor($0, r) }
        case .user(_, let r): return int().map { .user($0, r) }
        case .organization(_, let r): return int().map { .organization($0, r) }
        case .groupMember(_, let r): return int().map { .groupMember($0, r) }
        case .token(_, let r): return int().map { .token($0, r) }
        case .publicPractice: return int().map { .publicPractice($0) }
        case .publicPracticeFile: return int().map { .publicPracticeFile($0) }
        case .publicRoadmap: return text().map { .publicRoadmap($0) }
        case .riskQuestion: return int().map { .riskQuestion($0) }
        case .groupMembers:
            guard let a = int(), let k = text() else { return nil }
            return .groupMembers(authority: a, kind: k)
        case .api(let route): return route.bound(values).map { .api($0) }
        }
    }

    /// The route a concrete path names, or nil: links read back to the case that built them.
    init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { $0.removingPercentEncoding ?? String($0) }
        for template in Self.templates {
            let segments = template.segments
            guard segments.count == parts.count else { continue }
            var values: [String] = []
            var matches = true
            for (segment, part) in zip(segments, parts) {
                switch segment {
                case .constant(let text): if text != part { matches = false }
                case .parameter: values.append(part)
                }
                if !matches { break }
            }
            if matches, let route = template.bound(values) { self = route; return }
        }
        return nil
    }
}

extension APIRoute {
    static func authority(_ id: Int, _ r: AuthorityResource = .card) -> APIRoute { .authority(.value(id), r) }
    static func school(_ id: Int, _ r: SchoolResource = .card) -> APIRoute { .school(.value(id), r) }
    static func roadmap(_ id: Int, _ r: RoadmapResource = .card) -> APIRoute { .roadmap(.value(id), r) }

    static var templates: [APIRoute] {
        [.openAPI, .authorities, .resultsSummary, .resultImports, .roadmaps, .roadmapImport]
            + AuthorityResource.allCases.map { .authority(.key, $0) }
            + SchoolResource.allCases.map { .school(.key, $0) }
            + RoadmapResource.allCases.map { .roadmap(.key, $0) }
    }

    func bound(_ values: [String]) -> APIRoute? {
        let id = values.first.flatMap(Int.init).map { Parameter<Int>.value($0) }
        switch self {
        case .openAPI, .authorities, .resultsSummary, .resultImports, .roadmaps, .roadmapImport: return self
        case .authority(_, let r): return id.map { .authority($0, r) }
        case .school(_, let r): return id.map { .school($0, r) }
        case .roadmap(_, let r): return id.map { .roadmap($0, r) }
        }
    }
}
