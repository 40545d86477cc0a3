import Vapor

/// Routes of Registry: municipalities, schools and organizations, and the region's registry file.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum RegistryRoutes {
    static func register(signedIn: any RoutesBuilder) {
        let registry = RegistryController()
        let registryAdmin = RegistryAdminController()
        let registryImport = RegistryImportController()
        signedIn.get(.page(.authorities), .signedIn, use: registry.authorities)
        signedIn.get(.authority(.key, .card), .read, use: registry.authority)
        signedIn.get(.authority(.key, .schools), .read, use: registry.schools)
        signedIn.get(.school(.key, .card), .read, use: registry.school)
        signedIn.post(.page(.authorities), .administerRegion, use: registryAdmin.createAuthority)
        signedIn.get(.authority(.key, .edit), .administerRegion, use: registryAdmin.editAuthorityPage)
        signedIn.post(.authority(.key, .edit), .administerRegion, use: registryAdmin.editAuthority)
        signedIn.post(.authority(.key, .close), .administerRegion, use: registryAdmin.closeAuthority)
        signedIn.post(.authority(.key, .organizations), .administerRegion, use: registryAdmin.addOrganization)
        signedIn.post(.organization(.key, .card), .administerRegion, use: registryAdmin.editOrganization)
        signedIn.post(.organization(.key, .close), .administerRegion, use: registryAdmin.closeOrganization)
        signedIn.post(.authority(.key, .schools), .administerRegion, use: registryAdmin.createSchool)
        signedIn.get(.school(.key, .edit), .editSchool, use: registryAdmin.editSchoolPage)
        signedIn.post(.school(.key, .edit), .editSchool, use: registryAdmin.editSchool)
        signedIn.post(.school(.key, .close), .editSchool, use: registryAdmin.closeSchool)
        signedIn.post(.school(.key, .merge), .editSchool, use: registryAdmin.mergeSchool)
        signedIn.get(.page(.registryImport), .administerRegion, use: registryImport.form)
        signedIn.upload(.page(.registryImport), .administerRegion, maxSize: "10mb", use: registryImport.upload)
        signedIn.get(.registryDraft(.key, .card), .ownDraft, use: registryImport.preview)
        signedIn.post(.registryDraft(.key, .apply), .ownDraft, use: registryImport.apply)
    }
}
