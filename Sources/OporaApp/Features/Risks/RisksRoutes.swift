import Vapor

/// Routes of Risks: risk profiles, self-assessment, overrides, the municipal summary and the catalogue.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum RisksRoutes {
    static func register(signedIn: any RoutesBuilder) {
        let catalogue = CatalogueController()
        let risks = RisksController()
        signedIn.get(.school(.key, .risks), .read, use: risks.profile)
        signedIn.get(.school(.key, .selfAssessment), .fillSelfAssessment, use: risks.form)
        signedIn.post(.school(.key, .selfAssessment), .fillSelfAssessment, use: risks.save)
        signedIn.post(.school(.key, .riskOverride), .overrideRisks, use: risks.override)
        signedIn.get(.authority(.key, .riskSummary), .read, use: risks.summary)
        signedIn.post(.authority(.key, .riskGroups), .manage, use: risks.saveGroups)
        signedIn.post(.riskGroup(.key, .name), .manage, use: risks.renameGroup)
        signedIn.get(.page(.riskFactors), .signedIn, use: catalogue.page)
        signedIn.post(.riskFactor(.key, .card), .editCatalogue, use: catalogue.saveFactor)
        signedIn.post(.riskFactor(.key, .questions), .editCatalogue, use: catalogue.addQuestion)
        signedIn.post(.riskQuestion(.key), .editCatalogue, use: catalogue.saveQuestion)
    }
}
