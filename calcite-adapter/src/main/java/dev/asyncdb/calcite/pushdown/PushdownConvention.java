package dev.asyncdb.calcite.pushdown;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlDialect;

/**
 * Calcite's JDBC convention with the filter, project and join rules refusing expressions the
 * database cannot run ({@link PushableExpressions}): Calcite's own rules push any expression and
 * leave the database to reject it (SQLite and PostgreSQL 15 have no {@code JSON_VALUE}). What is
 * refused runs in Java over the rows the rest of the pushed query returns.
 */
final class PushdownConvention extends JdbcConvention {
  PushdownConvention(SqlDialect dialect, Expression expression, String name) {
    super(dialect, expression, name);
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : JdbcRules.rules(this)) {
      if (rule instanceof JdbcRules.JdbcFilterRule f) {
        planner.addRule(new FilterRule(f.config));
      } else if (rule instanceof JdbcRules.JdbcProjectRule p) {
        planner.addRule(new ProjectRule(p.config));
      } else if (rule instanceof JdbcRules.JdbcJoinRule j) {
        planner.addRule(new JoinRule(j.config));
      } else {
        planner.addRule(rule);
      }
    }
    // What JdbcConvention.register adds besides its rules.
    planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.PROJECT_REMOVE);
  }

  private static final class FilterRule extends JdbcRules.JdbcFilterRule {
    FilterRule(ConverterRule.Config config) {
      super(config);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      return super.matches(call) && PushableExpressions.all(((Filter) call.rel(0)).getCondition());
    }
  }

  private static final class ProjectRule extends JdbcRules.JdbcProjectRule {
    ProjectRule(ConverterRule.Config config) {
      super(config);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      return super.matches(call) && PushableExpressions.all(((Project) call.rel(0)).getProjects());
    }
  }

  private static final class JoinRule extends JdbcRules.JdbcJoinRule {
    JoinRule(ConverterRule.Config config) {
      super(config);
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      return super.matches(call) && PushableExpressions.all(((Join) call.rel(0)).getCondition());
    }
  }
}
