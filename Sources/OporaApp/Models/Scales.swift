import Fluent
import Foundation
import OporaCore

/// A conversion scale for one test, kept as editable reference data with its source.
final class ConversionScaleRecord: Model, @unchecked Sendable {
    static let schema = "conversion_scales"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Enum(key: "kind") var kind: AssessmentKind
    @Field(key: "subject") var subject: String
    @Field(key: "grade") var grade: Int
    @Field(key: "year") var year: Int
    @Field(key: "three") var three: Int
    @Field(key: "four") var four: Int
    @Field(key: "five") var five: Int
    @Field(key: "source") var source: String
    init() {}

    var scale: ConversionScale? { ConversionScale(three: three, four: four, five: five) }
}
