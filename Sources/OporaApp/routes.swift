import Vapor

/// Every route, grouped by who may call it. Paths match `SiteRoute`.
func routes(_ app: Application) throws {
    app.get("health") { _ in "ok" }
    app.get("styles.css") { _ -> Response in
        let r = Response(status: .ok, body: .init(string: Stylesheet.css))
        r.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        r.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return r
    }

    // Sessions only where pages need them: the health route, the stylesheet and the API
    // (bearer tokens) never touch the session table.
    let web = app.grouped(app.sessions.middleware, User.sessionAuthenticator(), CSRFMiddleware())
    let auth = AuthController()
    web.get("login", use: auth.loginPage)
    web.post("login", use: auth.login)
    web.post("logout", use: auth.logout)

    let signedIn = web.grouped(User.guardMiddleware())
    signedIn.get(use: HomeController().home)

    let registry = RegistryController()
    signedIn.get("authorities", use: registry.authorities)
    signedIn.get("authorities", ":authorityID", use: registry.authority)
    signedIn.get("authorities", ":authorityID", "schools", use: registry.schools)
    signedIn.get("schools", ":schoolID", use: registry.school)

    let lists = ListsController()
    signedIn.get("authorities", ":authorityID", "lists", use: lists.page)
    signedIn.post("authorities", ":authorityID", "lists", use: lists.createList)
    signedIn.post("lists", ":listID", "entries", use: lists.addEntry)
    signedIn.post("lists", ":listID", "order", use: lists.editOrder)
    signedIn.post("entries", ":entryID", "edit", use: lists.editEntry)
    signedIn.post("entries", ":entryID", "delete", use: lists.deleteEntry)

    let imports = ImportController()
    signedIn.get("authorities", ":authorityID", "lists", "import", use: imports.form)
    signedIn.on(.POST, "authorities", ":authorityID", "lists", "import", body: .collect(maxSize: "10mb"), use: imports.upload)
    signedIn.get("imports", ":draftID", use: imports.preview)
    signedIn.post("imports", ":draftID", "apply", use: imports.apply)

    let dynamics = DynamicsController()
    signedIn.get("authorities", ":authorityID", "dynamics", use: dynamics.page)
    signedIn.get("authorities", ":authorityID", "dynamics.xlsx", use: dynamics.xlsx)
    signedIn.get("authorities", ":authorityID", "dynamics.csv", use: dynamics.csv)
    signedIn.post("authorities", ":authorityID", "settings", use: dynamics.saveRule)

    let people = PeopleController()
    signedIn.get("authorities", ":authorityID", "people", use: people.page)
    signedIn.post("authorities", ":authorityID", "people", "users", use: people.createUser)
    signedIn.post("authorities", ":authorityID", "people", "curators", use: people.assignCurator)
    signedIn.post("authorities", ":authorityID", "people", "groups", ":kind", "members", use: people.addGroupMember)
    signedIn.post("group-members", ":memberID", "delete", use: people.removeGroupMember)

    let account = AccountController()
    signedIn.get("audit", use: account.audit)
    signedIn.get("profile", use: account.profile)
    signedIn.post("profile", "tokens", use: account.createToken)

    let roadmaps = RoadmapsController()
    signedIn.get("authorities", ":authorityID", "roadmaps", use: roadmaps.list)
    signedIn.get("authorities", ":authorityID", "roadmaps", "import", use: roadmaps.importForm)
    signedIn.on(.POST, "authorities", ":authorityID", "roadmaps", "import", body: .collect(maxSize: "10mb"), use: roadmaps.upload)
    signedIn.get("roadmap-imports", ":draftID", use: roadmaps.preview)
    signedIn.post("roadmap-imports", ":draftID", "apply", use: roadmaps.apply)
    signedIn.get("roadmaps", ":roadmapID", use: roadmaps.show)
    let edit = RoadmapEditController()
    signedIn.post("authorities", ":authorityID", "roadmaps", use: edit.create)
    signedIn.post("roadmaps", ":roadmapID", "sections", use: edit.addSection)
    signedIn.post("roadmaps", ":roadmapID", "goal", use: edit.saveGoal)
    signedIn.post("roadmaps", ":roadmapID", "indicators", use: edit.addIndicator)
    signedIn.post("roadmaps", ":roadmapID", "close", use: edit.close)
    signedIn.post("roadmaps", ":roadmapID", "approve", use: roadmaps.approve)
    signedIn.post("roadmaps", ":roadmapID", "copy", use: roadmaps.copy)
    signedIn.post("roadmaps", ":roadmapID", "measures", use: roadmaps.addMeasure)
    signedIn.get("roadmaps", ":roadmapID", "order.docx", use: roadmaps.orderDOCX)
    signedIn.get("roadmaps", ":roadmapID", "export.xlsx", use: roadmaps.xlsx)
    app.get("public", "roadmaps", ":token", use: roadmaps.publicPage)

    let execution = ExecutionController()
    signedIn.get("measures", ":measureID", use: execution.page)
    signedIn.post("measures", ":measureID", "progress", use: execution.record)
    signedIn.on(.POST, "measures", ":measureID", "evidence", body: .collect(maxSize: "6mb"), use: execution.addEvidence)
    signedIn.post("measures", ":measureID", "review", use: execution.review)
    signedIn.post("measures", ":measureID", "schools", use: execution.setSchools)
    signedIn.get("evidence", ":evidenceID", "file", use: execution.evidenceFile)
    signedIn.get("roadmaps", ":roadmapID", "timeline", use: execution.timeline)
    signedIn.get("roadmaps", ":roadmapID", "timeline.svg", use: execution.timeline)

    let monitoring = MonitoringController()
    signedIn.get("roadmaps", ":roadmapID", "rounds", use: monitoring.list)
    signedIn.post("roadmaps", ":roadmapID", "rounds", use: monitoring.create)
    signedIn.get("rounds", ":roundID", use: monitoring.show)
    signedIn.post("rounds", ":roundID", "facts", use: monitoring.saveFact)
    signedIn.get("rounds", ":roundID", "report.xlsx", use: monitoring.reportXLSX)
    signedIn.get("rounds", ":roundID", "report.docx", use: monitoring.reportDOCX)

    let apiController = APIController()
    let api = app.grouped("api", "v1")
    api.get("openapi.json", use: apiController.openAPI)
    let apiAuthed = api.grouped(APITokenAuthenticator(), User.guardMiddleware())
    apiAuthed.get("authorities", use: apiController.authorities)
    apiAuthed.get("authorities", ":authorityID", use: apiController.authority)
    apiAuthed.get("authorities", ":authorityID", "schools", use: apiController.schools)
    apiAuthed.get("authorities", ":authorityID", "list-entries", use: apiController.listEntries)
    apiAuthed.get("authorities", ":authorityID", "list-dynamics", use: apiController.listDynamics)
    apiAuthed.get("schools", ":schoolID", use: apiController.school)
    let roadmapAPI = RoadmapAPIController()
    apiAuthed.get("roadmaps", use: roadmapAPI.list)
    apiAuthed.post("roadmaps", use: roadmapAPI.create)
    apiAuthed.post("roadmaps", "import", use: roadmapAPI.importTable)
    apiAuthed.get("roadmaps", ":roadmapID", use: roadmapAPI.get)
    apiAuthed.get("roadmaps", ":roadmapID", "export.docx", use: roadmaps.orderDOCX)
    apiAuthed.get("roadmaps", ":roadmapID", "export.xlsx", use: roadmaps.xlsx)
}
