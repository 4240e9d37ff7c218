import AWSCatalog
import RoleGenCore

/// Well-formed regions checked against botocore's partition data.
extension PolicyChecker {
    /// The region field of an ARN: a known region, of the ARN's partition.
    mutating func checkARNRegion(_ region: Substring, partition: Substring, at range: SourceRange) {
        let own = Regions.partitions.contains(String(partition)) ? String(partition) : nil
        guard let owner = Regions.partition(of: region) else {
            report(.unknownARNRegion, .warning, "'\(region)' is not a region\(own.map { " of \($0)" } ?? "") (\(Regions.source))", at: range,
                   fixIt: Regions.closest(to: region, inPartition: own).map { "did you mean '\($0)'?" } ?? "check the region's name")
            return
        }
        if let own, owner != own {
            report(.arnRegionOfOtherPartition, "region \(region) belongs to partition \(owner), not to \(own): the ARN names nothing",
                   at: range, fixIt: "write arn:\(owner):… for a resource in \(region), or a region of \(own)")
        }
    }

    /// A region condition value (aws:RequestedRegion, …:Region).
    mutating func checkRegionValue(_ value: Located<String>) {
        guard Regions.partition(of: value.value) == nil else { return }
        report(.unknownRegionValue, .warning, "'\(value.value)' is not a region (\(Regions.source)): no request names it",
               at: value.range, fixIt: Regions.closest(to: value.value, inPartition: nil).map { "did you mean '\($0)'?" } ?? "check the region's name")
    }
}
