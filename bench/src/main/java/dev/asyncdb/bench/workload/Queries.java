package dev.asyncdb.bench.workload;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The SQL of the timed query workloads, the same text on every engine except for the dialect's
 * date and datetime literals. W4 averages {@code CAST(views AS DOUBLE)} because Calcite's
 * {@code AVG} of an integer column is an integer. TPC-H queries use the specification's text
 * with the usual validation substitution parameters; arithmetic on those parameters is written
 * out ({@code date '1998-12-01' - interval '90' day} as {@code date '1998-09-02'},
 * {@code 0.06 ± 0.01} as {@code 0.05 … 0.07}) because interval syntax differs between engines
 * and {@code 0.06 + 0.01} is not 0.07 in binary floating point, and Q3 breaks revenue ties by
 * order key so that {@code LIMIT 10} is deterministic.
 */
public final class Queries {

  /** W3: filter, then the 20 most viewed. */
  public static final QueryCase W3_TOP_POSTS = new QueryCase("W3.top",
      "published since 2025, top 20 by views",
      d -> "SELECT id, userId, title, views, createdAt FROM posts"
          + " WHERE status = 'published' AND createdAt >= "
          + d.timestamp(LocalDateTime.of(2025, 1, 1, 0, 0))
          + " ORDER BY views DESC, id LIMIT 20", true);

  /** W4: group-by aggregate over every post. */
  public static final QueryCase W4_BY_STATUS = QueryCase.of("W4.status", "posts by status",
      "SELECT status, COUNT(*) AS n, SUM(views) AS total_views,"
          + " AVG(CAST(views AS DOUBLE)) AS avg_views, MAX(views) AS max_views"
          + " FROM posts GROUP BY status", false);

  /** W5: users–posts join with a filter on both sides and an aggregate per country. */
  public static final QueryCase W5_BY_COUNTRY = QueryCase.of("W5.country",
      "active users' published posts by country",
      "SELECT u.country, COUNT(*) AS posts, SUM(p.views) AS views"
          + " FROM posts p JOIN users u ON p.userId = u.id"
          + " WHERE u.active = TRUE AND p.status = 'published'"
          + " GROUP BY u.country ORDER BY u.country", true);

  /** TPC-H Q1: pricing summary report. */
  public static final QueryCase Q1 = new QueryCase("W6.Q1", "Q1", d -> """
      SELECT l_returnflag, l_linestatus,
        SUM(l_quantity) AS sum_qty,
        SUM(l_extendedprice) AS sum_base_price,
        SUM(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
        SUM(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
        AVG(l_quantity) AS avg_qty,
        AVG(l_extendedprice) AS avg_price,
        AVG(l_discount) AS avg_disc,
        COUNT(*) AS count_order
      FROM lineitem
      WHERE l_shipdate <= %s
      GROUP BY l_returnflag, l_linestatus
      ORDER BY l_returnflag, l_linestatus""".formatted(d.date(LocalDate.of(1998, 9, 2))), true);

  /** TPC-H Q3: shipping priority. */
  public static final QueryCase Q3 = new QueryCase("W6.Q3", "Q3", d -> """
      SELECT l_orderkey,
        SUM(l_extendedprice * (1 - l_discount)) AS revenue,
        o_orderdate, o_shippriority
      FROM customer, orders, lineitem
      WHERE c_mktsegment = 'BUILDING'
        AND c_custkey = o_custkey
        AND l_orderkey = o_orderkey
        AND o_orderdate < %1$s
        AND l_shipdate > %1$s
      GROUP BY l_orderkey, o_orderdate, o_shippriority
      ORDER BY revenue DESC, o_orderdate, l_orderkey
      LIMIT 10""".formatted(d.date(LocalDate.of(1995, 3, 15))), true);

  /** TPC-H Q5: local supplier volume. */
  public static final QueryCase Q5 = new QueryCase("W6.Q5", "Q5", d -> """
      SELECT n_name, SUM(l_extendedprice * (1 - l_discount)) AS revenue
      FROM customer, orders, lineitem, supplier, nation, region
      WHERE c_custkey = o_custkey
        AND l_orderkey = o_orderkey
        AND l_suppkey = s_suppkey
        AND c_nationkey = s_nationkey
        AND s_nationkey = n_nationkey
        AND n_regionkey = r_regionkey
        AND r_name = 'ASIA'
        AND o_orderdate >= %s
        AND o_orderdate < %s
      GROUP BY n_name
      ORDER BY revenue DESC""".formatted(
          d.date(LocalDate.of(1994, 1, 1)), d.date(LocalDate.of(1995, 1, 1))), true);

  /** TPC-H Q6: forecasting revenue change. */
  public static final QueryCase Q6 = new QueryCase("W6.Q6", "Q6", d -> """
      SELECT SUM(l_extendedprice * l_discount) AS revenue
      FROM lineitem
      WHERE l_shipdate >= %s
        AND l_shipdate < %s
        AND l_discount BETWEEN 0.05 AND 0.07
        AND l_quantity < 24""".formatted(
          d.date(LocalDate.of(1994, 1, 1)), d.date(LocalDate.of(1995, 1, 1))), false);

  /** The TPC-H queries of W6. */
  public static final List<QueryCase> TPCH = List.of(Q1, Q3, Q5, Q6);

  private Queries() {}
}
