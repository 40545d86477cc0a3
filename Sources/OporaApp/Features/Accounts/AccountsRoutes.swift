import Vapor

/// Routes of Accounts: signing in is in routes.swift; here passwords, profile and tokens, the region's accounts, a municipality's people and groups, the change log.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum AccountsRoutes {
    static func register(signedIn: any RoutesBuilder) {
        let account = AccountController()
        let accounts = AccountsController()
        let password = PasswordController()
        let people = PeopleController()
        signedIn.get(.page(.password), .signedIn, use: password.form)
        signedIn.post(.page(.password), .signedIn, use: password.change)
        signedIn.get(.page(.accounts), .administerRegion, use: accounts.regionalPage)
        signedIn.post(.page(.accounts), .administerRegion, use: accounts.createRegional)
        signedIn.get(.user(.key, .card), .manageAccount, use: accounts.userPage)
        signedIn.post(.user(.key, .card), .manageAccount, use: accounts.update)
        signedIn.post(.user(.key, .resetPassword), .manageAccount, use: accounts.resetPassword)
        signedIn.post(.user(.key, .deactivate), .manageAccount, use: accounts.deactivate)
        signedIn.post(.authority(.key, .peopleSchoolHeads), .read, use: accounts.schoolHeads)
        signedIn.get(.authority(.key, .people), .read, use: people.page)
        signedIn.post(.authority(.key, .peopleUsers), .read, use: accounts.createMunicipal)
        signedIn.post(.authority(.key, .peopleCurators), .manage, use: people.assignCurator)
        signedIn.post(.groupMembers(authority: .key, kind: .key), .manage, use: people.addGroupMember)
        signedIn.post(.groupMember(.key, .delete), .manage, use: people.removeGroupMember)
        signedIn.get(.page(.audit), .readAudit, use: account.audit)
        signedIn.get(.page(.profile), .signedIn, use: account.profile)
        signedIn.post(.page(.tokens), .signedIn, use: account.createToken)
        signedIn.post(.token(.key, .revoke), .ownToken, use: account.revokeToken)
    }
}
