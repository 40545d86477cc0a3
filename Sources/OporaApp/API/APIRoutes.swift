import Vapor

/// The JSON API under `/api/v1`: bearer tokens instead of sessions and CSRF, DTOs instead of
/// models, the same route table and permissions as the pages.
enum APIRoutes {
    static func register(_ app: Application) {
        let card = DiagnosticCardController()
        let roadmaps = RoadmapsController()
        let apiController = APIController()
        app.get(.api(.openAPI), .anyone, use: apiController.openAPI)
        let apiAuthed = app.grouped(APITokenAuthenticator(), User.guardMiddleware())
        apiAuthed.get(.api(.authorities), .signedIn, use: apiController.authorities)
        apiAuthed.get(.api(.authority(.key, .card)), .read, use: apiController.authority)
        apiAuthed.get(.api(.authority(.key, .schools)), .read, use: apiController.schools)
        apiAuthed.get(.api(.authority(.key, .listEntries)), .read, use: apiController.listEntries)
        apiAuthed.get(.api(.authority(.key, .listDynamics)), .read, use: apiController.listDynamics)
        apiAuthed.get(.api(.school(.key, .card)), .read, use: apiController.school)
        let registryAPI = RegistryAPIController()
        apiAuthed.post(.api(.authorities), .administerRegion, use: registryAPI.createAuthority)
        apiAuthed.patch(.api(.authority(.key, .card)), .administerRegion, use: registryAPI.updateAuthority)
        apiAuthed.post(.api(.authority(.key, .schools)), .administerRegion, use: registryAPI.createSchool)
        apiAuthed.patch(.api(.school(.key, .card)), .editSchool, use: registryAPI.updateSchool)
        let riskAPI = RiskAPIController()
        apiAuthed.get(.api(.school(.key, .riskProfiles)), .read, use: riskAPI.profiles)
        apiAuthed.get(.api(.school(.key, .roadmaps)), .read, use: riskAPI.schoolRoadmaps)
        apiAuthed.get(.api(.authority(.key, .riskSummary)), .read, use: riskAPI.summary)
        apiAuthed.get(.api(.resultsSummary), .signedIn, use: ResultsAPIController().summary)
        let importsAPI = ResultImportsAPIController()
        apiAuthed.get(.api(.resultImports), .signedIn, use: importsAPI.list)
        apiAuthed.upload(.api(.resultImports), .signedIn, maxSize: "200mb", use: importsAPI.create)
        apiAuthed.get(.api(.school(.key, .diagnosticCard)), .read, use: card.api)
        let roadmapAPI = RoadmapAPIController()
        apiAuthed.get(.api(.roadmaps), .signedIn, use: roadmapAPI.list)
        apiAuthed.post(.api(.roadmaps), .signedIn, use: roadmapAPI.create)
        apiAuthed.post(.api(.roadmapImport), .signedIn, use: roadmapAPI.importTable)
        apiAuthed.get(.api(.roadmap(.key, .card)), .read, use: roadmapAPI.get)
        apiAuthed.get(.api(.roadmap(.key, .exportDOCX)), .read, use: roadmaps.orderDOCX)
        apiAuthed.get(.api(.roadmap(.key, .exportXLSX)), .read, use: roadmaps.xlsx)
    }
}
