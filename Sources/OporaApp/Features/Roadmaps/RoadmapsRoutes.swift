import Vapor

/// Routes of Roadmaps: roadmaps: list, import, editing, approval, review of school roadmaps, the constructor and templates.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum RoadmapsRoutes {
    static func register(signedIn: any RoutesBuilder, open: any RoutesBuilder) {
        let constructor = ConstructorController()
        let edit = RoadmapEditController()
        let measureEdit = MeasureEditController()
        let review = ReviewController()
        let roadmaps = RoadmapsController()
        let schoolRoadmaps = SchoolRoadmapsController()
        signedIn.get(.authority(.key, .roadmaps), .read, use: roadmaps.list)
        signedIn.get(.authority(.key, .roadmapImport), .manage, use: roadmaps.importForm)
        signedIn.upload(.authority(.key, .roadmapImport), .manage, maxSize: "10mb", use: roadmaps.upload)
        signedIn.get(.roadmapDraft(.key, .card), .ownDraft, use: roadmaps.preview)
        signedIn.post(.roadmapDraft(.key, .apply), .ownDraft, use: roadmaps.apply)
        signedIn.get(.roadmap(.key, .card), .read, use: roadmaps.show)
        signedIn.post(.authority(.key, .roadmaps), .manage, use: edit.create)
        signedIn.post(.roadmap(.key, .sections), .editRoadmap, use: edit.addSection)
        signedIn.post(.roadmap(.key, .goal), .editRoadmap, use: edit.saveGoal)
        signedIn.post(.roadmap(.key, .indicators), .editRoadmap, use: edit.addIndicator)
        signedIn.post(.roadmap(.key, .close), .approveRoadmap, use: edit.close)
        signedIn.post(.roadmap(.key, .approve), .approveRoadmap, use: roadmaps.approve)
        signedIn.post(.roadmap(.key, .copy), .manageRoadmap, use: roadmaps.copy)
        signedIn.post(.roadmap(.key, .measures), .editRoadmap, use: roadmaps.addMeasure)
        signedIn.get(.roadmap(.key, .orderDOCX), .read, use: roadmaps.orderDOCX)
        signedIn.get(.roadmap(.key, .exportXLSX), .read, use: roadmaps.xlsx)
        open.get(.publicRoadmap(.key), .anyone, use: roadmaps.publicPage)
        signedIn.post(.measure(.key, .edit), .editRoadmap, use: measureEdit.edit)
        signedIn.post(.measure(.key, .delete), .editRoadmap, use: measureEdit.delete)
        signedIn.post(.roadmap(.key, .submit), .submitForReview, use: review.submit)
        signedIn.post(.roadmap(.key, .comments), .takePartInReview, use: review.comment)
        signedIn.post(.roadmap(.key, .decision), .decideOnReview, use: review.decide)
        signedIn.post(.roadmap(.key, .interviews), .decideOnReview, use: review.interview)
        signedIn.post(.roadmap(.key, .site), .publishOnSite, use: review.publishOnSite)
        signedIn.get(.authority(.key, .schoolRoadmaps), .read, use: schoolRoadmaps.page)
        signedIn.post(.authority(.key, .schoolRoadmaps), .manage, use: schoolRoadmaps.save)
        signedIn.get(.school(.key, .constructor), .buildRoadmap, use: constructor.form)
        signedIn.post(.school(.key, .constructor), .buildRoadmap, use: constructor.build)
        signedIn.get(.authority(.key, .templates), .read, use: constructor.templates)
        signedIn.post(.authority(.key, .templates), .manage, use: constructor.addTemplate)
    }
}
