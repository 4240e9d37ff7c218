/// AWS partitions and their regions, from botocore's partitions.json (Generated/PartitionData.swift).
public enum Regions {
    public static let source = PartitionData.source
    public static let partitions: [String] = PartitionData.partitions.map(\.id)
    public static let count = PartitionData.partitions.reduce(0) { $0 + $1.regions.count }
    private static let partitionByRegion: [String: String] = Dictionary(
        uniqueKeysWithValues: PartitionData.partitions.flatMap { partition in partition.regions.map { ($0, partition.id) } })
    private static let indexes: [String: Nearest.Index] = Dictionary(
        uniqueKeysWithValues: PartitionData.partitions.map { ($0.id, Nearest.Index($0.regions)) })
    private static let allIndex = Nearest.Index(PartitionData.partitions.flatMap(\.regions))

    /// The partition a region belongs to; nil for a region botocore does not know.
    public static func partition(of region: some StringProtocol) -> String? {
        partitionByRegion[String(region)]
    }

    /// The known region closest to an unknown one: of the partition (aws when none is known),
    /// unless a region of another partition is closer.
    public static func closest(to region: some StringProtocol, inPartition partition: String?) -> String? {
        let word = String(region)
        let own = indexes[partition ?? "aws"]?.closest(to: word), any = allIndex.closest(to: word)
        guard let own, let any, own != any else { return own ?? any }
        func edits(_ candidate: String) -> Int { Nearest.distance(Array(word.lowercased().utf8), Array(candidate.utf8), limit: 3) ?? 4 }
        return edits(any) < edits(own) ? any : own
    }
}
