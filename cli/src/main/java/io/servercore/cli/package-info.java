/**
 * The command-line conventions of this repository's jars (gameserver, dummyclient,
 * course-part4, and the benchmarks' Compare, NettyMain, NeutralLoad and ClusterBench): each
 * flag's allowed values, said once in a {@link io.servercore.cli.Flags}
 * table, and the one line that answers a bad value,
 * {@code <command>: invalid <flag> <value>: allowed <what> (see --help)}, with exit status 2.
 * It depends on picocli only, and nothing here knows any one command.
 */
package io.servercore.cli;
