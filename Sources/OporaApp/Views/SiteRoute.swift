/// Every page's address in one place: routes register these paths and views link to them.
enum SiteRoute {
    case home, login, logout, health, styles
    case authorities
    case authority(Int)
    case schools(authority: Int)
    case school(Int)
    case lists(authority: Int, year: Int?)
    case listImport(authority: Int)
    case importDraft(Int)
    case dynamics(authority: Int)
    case people(authority: Int)
    case settings(authority: Int)
    case audit
    case profile
    case password
    case accounts
    case user(Int)
    case authorityEdit(Int)
    case schoolEdit(Int)
    case registryImport
    case registryDraft(Int)
    case newYear(authority: Int)
    case regionLists

    var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .health: "/health"
        case .styles: "/styles.css"
        case .authorities: "/authorities"
        case .authority(let id): "/authorities/\(id)"
        case .schools(let a): "/authorities/\(a)/schools"
        case .school(let id): "/schools/\(id)"
        case .lists(let a, let year): "/authorities/\(a)/lists" + (year.map { "?year=\($0)" } ?? "")
        case .listImport(let a): "/authorities/\(a)/lists/import"
        case .importDraft(let id): "/imports/\(id)"
        case .dynamics(let a): "/authorities/\(a)/dynamics"
        case .people(let a): "/authorities/\(a)/people"
        case .settings(let a): "/authorities/\(a)/settings"
        case .audit: "/audit"
        case .profile: "/profile"
        case .password: "/profile/password"
        case .accounts: "/accounts"
        case .user(let id): "/users/\(id)"
        case .authorityEdit(let id): "/authorities/\(id)/edit"
        case .schoolEdit(let id): "/schools/\(id)/edit"
        case .registryImport: "/registry/import"
        case .registryDraft(let id): "/registry/imports/\(id)"
        case .newYear(let a): "/authorities/\(a)/new-year"
        case .regionLists: "/region/lists"
        }
    }
}
