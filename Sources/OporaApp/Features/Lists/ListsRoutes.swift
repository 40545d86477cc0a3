import Vapor

/// Routes of Lists: lists of schools by year, their import, the new year's carry-over, dynamics and the proposal from results.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum ListsRoutes {
    static func register(signedIn: any RoutesBuilder) {
        let dynamics = DynamicsController()
        let imports = ImportController()
        let lists = ListsController()
        let newYear = YearTurnoverController()
        let proposal = ProposalController()
        signedIn.get(.authority(.key, .lists), .read, use: lists.page)
        signedIn.post(.authority(.key, .lists), .manage, use: lists.createList)
        signedIn.post(.list(.key, .entries), .manage, use: lists.addEntry)
        signedIn.post(.list(.key, .order), .manage, use: lists.editOrder)
        signedIn.post(.list(.key, .approve), .manage, use: lists.approve)
        signedIn.get(.authority(.key, .newYear), .read, use: newYear.page)
        signedIn.post(.authority(.key, .newYear), .manage, use: newYear.carryOver)
        signedIn.post(.entry(.key, .edit), .manage, use: lists.editEntry)
        signedIn.post(.entry(.key, .delete), .manage, use: lists.deleteEntry)
        signedIn.get(.authority(.key, .listImport), .manage, use: imports.form)
        signedIn.upload(.authority(.key, .listImport), .manage, maxSize: "10mb", use: imports.upload)
        signedIn.get(.listDraft(.key, .card), .ownDraft, use: imports.preview)
        signedIn.post(.listDraft(.key, .apply), .ownDraft, use: imports.apply)
        signedIn.get(.authority(.key, .dynamics), .read, use: dynamics.page)
        signedIn.get(.page(.regionLists), .regional, use: RegionListsController().page)
        signedIn.get(.authority(.key, .dynamicsXLSX), .read, use: dynamics.xlsx)
        signedIn.get(.authority(.key, .dynamicsCSV), .read, use: dynamics.csv)
        signedIn.post(.authority(.key, .settings), .manage, use: dynamics.saveRule)
        signedIn.get(.authority(.key, .listProposal), .read, use: proposal.page)
        signedIn.post(.authority(.key, .listProposal), .manage, use: proposal.adopt)
    }
}
