<?php include "header.php"; ?>
<%@ page contentType="text/html;charset=UTF-8" %>
<jsp:include page="top.jsp"/>
<div class="news-detail">
  <h2 class="title">示例农商银行向受灾群众捐赠物资</h2>
  <h3>时间:2020-07-22&nbsp;&nbsp;来源:示例农商银行</h3>
  <div class="text">
    <p>7月20日，示例农商银行向<?= $town ?>受灾群众捐赠矿泉水500箱、方便食品300箱。</p>
    <p>该行还组织30名青年志愿者参与转移群众、搬运物资等工作。</p>
  </div>
  <a href="<?php echo base_url('news/list'); ?>">返回列表</a>
</div>
<!--#include virtual="/footer.html"-->
