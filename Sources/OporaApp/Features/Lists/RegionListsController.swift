import Fluent
import OporaCore
import Vapor

/// «ШНОР региона по видам»: every municipality's ШНОР of a year split into хронические /
/// мерцающие / впервые (each by its municipality's rule) and its предШНОР, for regional roles.
struct RegionListsController {
    func page(req: Request) async throws -> Response {
        guard case .everything = try await req.scope().reach else { throw PublicError.notFound() }
        let regions = try await Region.query(on: req.db).sort(\.$name).all()
        let chosen = req.intQuery("region").flatMap { id in regions.first { $0.id == id } } ?? regions.first
        guard let region = chosen, let rid = region.id else { throw PublicError.notFound() }
        let queries = ListQueries(db: req.db)
        let latest = try await queries.latestRegionYear(regionID: rid)
        let shown = ShownYear(asked: req.intQuery("year").map { min(max($0, 1990), 2100) }, latest: latest, current: Season.listYear(on: ExecutionService.today()))
        let year = shown.year
        let (kinds, authorities) = try await queries.regionKinds(regionID: rid, year: year)
        let names = Dictionary(authorities.map { ($0.id, $0.municipality) }, uniquingKeysWith: { a, _ in a })
        let model = RegionListsPage(region: region.name, regionID: rid, regions: regions.compactMap { r in r.id.map { ($0, r.name) } },
                                    year: year, latestYear: latest, kinds: kinds, names: names)
        var layout = req.layout("ШНОР региона по видам", crumbs: [("Муниципалитеты", SiteRoute.authorities.path)])
        layout.yearNote = shown.note
        return .html(RegionListsView(model: model, layout: layout).render())
    }
}

extension Request {
    /// An integer query parameter, nil when absent or not a number.
    func intQuery(_ name: String) -> Int? {
        (try? query.get(String.self, at: name)).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
