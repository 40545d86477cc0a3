/// When a municipality may see the region's figures. The region's total is shown to a
/// municipality only as a comparator, and only when at least three municipalities' results
/// make it: with two, the region less the municipality's own figures would be the other
/// municipality's, which it may not see. Regional users see every municipality anyway.
public enum RegionComparator {
    public static let minimumMunicipalities = 3

    /// Whether a total made of `contributing` municipalities' results may be shown to one of them.
    public static func mayShow(contributing: Int) -> Bool { contributing >= minimumMunicipalities }
}
