import Fluent
import Foundation
import OporaCore

/// A measure template of the constructor's library: the default library (no authority,
/// preloaded by migration 009) and each authority's own additions.
final class MeasureTemplateRecord: Model, @unchecked Sendable {
    static let schema = "measure_templates"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @OptionalParent(key: "authority_id") var authority: Authority?
    @Field(key: "code") var code: String
    @Field(key: "text") var text: String
    @Field(key: "form") var form: String
    @Field(key: "deadline") var deadline: String
    @Field(key: "result") var result: String
    @Field(key: "level") var level: String
    /// Risk factor codes the template addresses; empty — for every school.
    @Field(key: "factors") var factors: [String]
    init() {}

    var template: MeasureTemplate {
        MeasureTemplate(code: code, text: text, form: form, deadline: deadline, result: result,
                        level: MeasureTemplate.Level(rawValue: level) ?? .school, factors: factors)
    }
}
